namespace ShortVideo.Cli.Bench;

/// <summary>Finds tools/node (the npm peers) of the repository svctl runs from.</summary>
internal static class NodeTools
{
    public const string MissingHint = "run ./test.sh or npm ci in tools/node";

    /// <summary>tools/node above the current directory or above svctl's own files; null when neither has it.</summary>
    public static string? FindDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tools", "node");
                if (File.Exists(Path.Combine(candidate, "tus-peer.mjs")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
