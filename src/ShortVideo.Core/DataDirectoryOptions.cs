namespace ShortVideo;

/// <summary>Where a node keeps its embedded state (configuration key "DataDir").</summary>
public sealed class DataDirectoryOptions
{
    /// <summary>Root directory; default "./.svdata".</summary>
    public string Path { get; set; } = ".svdata";

    /// <summary>Absolute root directory.</summary>
    public string FullPath => System.IO.Path.GetFullPath(Path);
}
