namespace ShortVideo.Testing;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding ShortVideoSdk.sln, found by walking up from the test binaries.</summary>
    public static string Root => LazyRoot.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShortVideoSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ShortVideoSdk.sln above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
