using System.Text.Json;
using ShortVideo.Cli.Commands;

namespace svctl.Tests.Commands;

public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Json_flag_prints_one_parseable_object_and_a_failed_check_exits_1()
    {
        var dataDir = "/sys/sv-doctor-command-" + Guid.NewGuid().ToString("N"); // no one may create directories there

        var (exitCode, output, error) = await CommandRunner.RunAsync(DoctorCommand.Create(), "--json", "--data", dataDir);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        var dataCheck = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "data dir");
        Assert.Equal("fail", dataCheck.GetProperty("status").GetString());
        Assert.Contains(dataDir, dataCheck.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_json_a_table_is_printed()
    {
        var dataDir = Directory.CreateTempSubdirectory("sv-doctor-cmd-").FullName;
        try
        {
            var (_, output, _) = await CommandRunner.RunAsync(DoctorCommand.Create(), "--data", dataDir);

            Assert.Contains("│ data dir", output, StringComparison.Ordinal);
            Assert.Contains("Detail", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
