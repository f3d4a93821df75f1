using System.Runtime.Versioning;
using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;

namespace svctl.Tests.Doctor;

[SupportedOSPlatform("linux")] // Unix file modes and shell scripts
public sealed class DataDirectoryCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sv-doctor-").FullName;

    public void Dispose()
    {
        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var directory in Directory.GetDirectories(_root))
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// A directory this process cannot create anything in. Mode 0555 stops a normal user; root ignores
    /// modes, so as root the location is under /sys, where no one may create directories.
    /// </summary>
    private string ReadOnlyLocation()
    {
        var readOnly = Path.Combine(_root, "read-only");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        try
        {
            Directory.CreateDirectory(Path.Combine(readOnly, "probe")).Delete();
            return "/sys/sv-doctor-test-" + Guid.NewGuid().ToString("N"); // we are root
        }
        catch (UnauthorizedAccessException)
        {
            return readOnly;
        }
    }

    [Fact]
    public async Task Writable_existing_directory_with_room_is_ok()
    {
        var result = await new DataDirectoryCheck(_root, warnBelowBytes: 1, failBelowBytes: 1).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.StartsWith($"{_root} writable; ", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Facts!["freeBytes"]!.GetValue<long>() > 0);
        Assert.Empty(Directory.GetFileSystemEntries(_root)); // the probe file is gone
    }

    [Fact]
    public async Task Missing_directory_that_can_be_created_is_ok_and_left_uncreated()
    {
        var dataDir = Path.Combine(_root, "a", "b", ".svdata");

        var result = await new DataDirectoryCheck(dataDir, warnBelowBytes: 1, failBelowBytes: 1).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Contains("does not exist yet but can be created", result.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "a")));
    }

    [Fact]
    public async Task Data_dir_under_a_read_only_location_fails_saying_it_cannot_be_created()
    {
        var dataDir = Path.Combine(ReadOnlyLocation(), ".svdata");

        var result = await new DataDirectoryCheck(dataDir).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.StartsWith($"{dataDir} cannot be created: ", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Less_free_space_than_the_warning_threshold_warns()
    {
        var result = await new DataDirectoryCheck(_root, warnBelowBytes: long.MaxValue, failBelowBytes: 1).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Warn, result.Status);
        Assert.Contains("recommended for video", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Less_free_space_than_the_failure_threshold_fails()
    {
        var result = await new DataDirectoryCheck(_root, warnBelowBytes: long.MaxValue, failBelowBytes: long.MaxValue).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("a node needs at least", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5L << 30, "5 GiB")]
    [InlineData(512L << 20, "512 MiB")]
    [InlineData(1536, "1.5 KiB")]
    public void Sizes_are_shown_in_binary_units(long bytes, string expected)
    {
        Assert.Equal(expected, DataDirectoryCheck.Size(bytes));
    }
}
