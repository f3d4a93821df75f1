namespace ShortVideo.Hosting.Tests.Auth;

/// <summary>A fresh directory per test, deleted afterwards.</summary>
internal sealed class AuthTestDirectory : IDisposable
{
    public AuthTestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sv-auth-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
