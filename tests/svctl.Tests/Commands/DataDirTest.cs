using ShortVideo.Testing;

namespace svctl.Tests.Commands;

/// <summary>Base of the auth command tests: a fresh temporary root per test holding the data directory.</summary>
public abstract class DataDirTest : IDisposable
{
    protected DataDirTest(string prefix) => Root = Directory.CreateTempSubdirectory(prefix).FullName;

    protected string Root { get; }

    protected string DataDir => Path.Combine(Root, ".svdata");

    public void Dispose()
    {
        Directory.Delete(Root, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A token for <paramref name="user"/> from svctl run as a process, as an operator would mint it.</summary>
    protected async Task<string> MintAsync(string user = "alice")
    {
        var result = await SvctlProcess.RunAsync(["token", "--user", user, "--data", DataDir]);
        Assert.Equal(0, result.ExitCode);
        return result.LastLine;
    }
}
