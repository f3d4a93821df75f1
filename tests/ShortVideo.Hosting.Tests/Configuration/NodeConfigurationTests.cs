using ShortVideo.Hosting.Configuration;
using ShortVideo.Hosting.Tests.Auth;

namespace ShortVideo.Hosting.Tests.Configuration;

public sealed class NodeConfigurationTests : IDisposable
{
    private readonly AuthTestDirectory _directory = new();

    // Environment variables are process-wide: each test uses keys no other test reads.
    private readonly string _section = "NodeConfigTest" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        foreach (var name in new[] { "FromEnv", "Overridden", "Both" })
        {
            Environment.SetEnvironmentVariable($"SV_{_section}__{name}", null);
        }

        _directory.Dispose();
    }

    [Fact]
    public void Flags_win_over_environment_which_wins_over_appsettings()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "appsettings.json"), $$"""
            { "{{_section}}": { "FromFile": "file", "FromEnv": "file", "Both": "file" } }
            """);
        Environment.SetEnvironmentVariable($"SV_{_section}__FromEnv", "env");
        Environment.SetEnvironmentVariable($"SV_{_section}__Both", "env");

        var configuration = NodeConfiguration.Load(
            overrides: new Dictionary<string, string?> { [$"{_section}:Both"] = "flag" },
            contentRoot: _directory.Path);

        Assert.Equal("file", configuration[$"{_section}:FromFile"]);
        Assert.Equal("env", configuration[$"{_section}:FromEnv"]);
        Assert.Equal("flag", configuration[$"{_section}:Both"]);
    }

    [Fact]
    public void Environment_variables_without_the_SV_prefix_are_ignored()
    {
        Environment.SetEnvironmentVariable($"{_section}__Overridden", "unprefixed");
        try
        {
            var configuration = NodeConfiguration.Load(contentRoot: _directory.Path);

            Assert.Null(configuration[$"{_section}:Overridden"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{_section}__Overridden", null);
        }
    }

    [Fact]
    public void Data_dir_argument_sets_DataDir_above_every_other_source()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "appsettings.json"), """{ "DataDir": "from-file" }""");

        var configuration = NodeConfiguration.Load(
            dataDir: "/srv/videos",
            overrides: new Dictionary<string, string?> { ["DataDir"] = "from-overrides" },
            contentRoot: _directory.Path);

        Assert.Equal("/srv/videos", configuration["DataDir"]);
    }

    [Fact]
    public void Missing_appsettings_file_is_not_an_error()
    {
        var configuration = NodeConfiguration.Load(contentRoot: _directory.Path);

        Assert.Null(configuration["DataDir"]);
    }
}
