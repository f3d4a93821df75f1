using System.Security.Cryptography;

namespace svctl.Tests.Upload;

/// <summary>A per-test directory with a source file of seeded random bytes and a resume-state directory.</summary>
internal sealed class UploadTestFiles : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("svctl-upload-test-");

    public string StateDirectory => Path.Combine(_root.FullName, "state");

    public string Root => _root.FullName;

    public string CreateSource(string name, int length, int seed = 42)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(_root.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string[] StateFiles() =>
        Directory.Exists(StateDirectory) ? Directory.GetFiles(StateDirectory, "*.json") : [];

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
