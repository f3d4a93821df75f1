namespace ShortVideo.Testing;

/// <summary>The npm packages the tests talk to, installed in tools/node by ./test.sh.</summary>
public static class NodeModules
{
    /// <summary>tools/node/node_modules.</summary>
    public static string Directory => Path.Combine(RepoPaths.Root, "tools", "node", "node_modules");

    /// <summary>The package's folder; throws a message that says how to install it when it is missing.</summary>
    public static string Require(string package)
    {
        var path = Path.Combine(Directory, package);
        if (!System.IO.Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"The npm package '{package}' is not installed in {Directory}: run ./test.sh (or npm ci in tools/node).");
        }

        return path;
    }
}
