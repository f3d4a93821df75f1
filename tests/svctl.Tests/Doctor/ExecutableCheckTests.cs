using System.Runtime.Versioning;
using ShortVideo.Cli.Doctor;
using ShortVideo.Cli.Doctor.Checks;

namespace svctl.Tests.Doctor;

[SupportedOSPlatform("linux")] // Unix file modes and shell scripts
public sealed class ExecutableCheckTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("sv-doctor-bin-").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    private void Script(string name, string body)
    {
        var path = Path.Combine(_bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task Missing_tool_fails_with_the_install_command()
    {
        var result = await new ExecutableCheck("ffmpeg", searchPath: _bin).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Equal("ffmpeg not found on PATH: install it with apt-get install ffmpeg.", result.Detail);
    }

    [Fact]
    public async Task Version_comes_from_the_first_line_of_dash_version()
    {
        Script("ffmpeg", """
            [ "$1" = "-version" ] || exit 3
            echo "ffmpeg version 9.9-test Copyright (c) 2000-2026 the FFmpeg developers"
            echo "built with gcc 12"
            """);

        var result = await new ExecutableCheck("ffmpeg", searchPath: "/nonexistent" + Path.PathSeparator + _bin).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
        Assert.Equal($"ffmpeg 9.9-test ({_bin}/ffmpeg).", result.Detail);
        Assert.Equal("9.9-test", result.Facts!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Arguments_are_passed_as_a_list_not_through_a_shell()
    {
        // A shell string would split or expand; the script sees exactly one argument, "-version".
        Script("ffprobe", """
            [ "$#" = "1" ] && [ "$1" = "-version" ] || { echo "got $# args" >&2; exit 4; }
            echo "ffprobe version 1.0 Copyright"
            """);

        var result = await new ExecutableCheck("ffprobe", searchPath: _bin).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Tool_that_exits_with_an_error_fails_quoting_its_first_error_line()
    {
        Script("ffmpeg", "echo 'libavcodec.so.59: cannot open shared object file' >&2; exit 127");

        var result = await new ExecutableCheck("ffmpeg", searchPath: _bin).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.EndsWith("-version exited with code 127: libavcodec.so.59: cannot open shared object file", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_that_hangs_is_killed_and_fails_after_the_timeout()
    {
        Script("ffmpeg", "exec sleep 30");

        var started = DateTime.UtcNow;
        var result = await new ExecutableCheck("ffmpeg", searchPath: _bin, timeout: TimeSpan.FromMilliseconds(500)).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.EndsWith("-version did not finish within 0.5 s.", result.Detail, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Non_executable_file_on_PATH_is_not_the_tool()
    {
        File.WriteAllText(Path.Combine(_bin, "ffmpeg"), "not a program");

        var result = await new ExecutableCheck("ffmpeg", searchPath: _bin).RunAsync(CancellationToken.None);

        Assert.Equal(CheckStatus.Fail, result.Status);
    }

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("ffprobe")]
    public async Task Installed_ffmpeg_tools_are_found_on_the_real_PATH_with_their_version(string tool)
    {
        // The project's scripts install Debian's ffmpeg; without it this fails with the install hint.
        var result = await new ExecutableCheck(tool).RunAsync(CancellationToken.None);

        Assert.True(result.Status == CheckStatus.Ok, result.Detail);
        Assert.Matches(@"^ff\w+ \d", result.Detail);
    }
}
