using System.Globalization;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// CPU time a process has used, its own and that of the children it has waited for (an ffmpeg it ran to the end),
/// from /proc/{pid}/stat (Linux). On a machine that other work keeps busy, wall times swing with that work; CPU time
/// says how much work each side did, whatever else ran.
/// </summary>
internal static class ProcessCpu
{
    // The unit of the stat fields: USER_HZ, which Linux fixes at 100 for user space on every architecture.
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used by <paramref name="pid"/> and its waited-for children; null where /proc cannot tell.</summary>
    public static double? Seconds(int pid) => Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat", children: false);

    /// <summary>Seconds of CPU used by the children this process has waited for; null where /proc cannot tell.</summary>
    public static double? ChildrenOfSelf() => Read("/proc/self/stat", children: true);

    private static double? Read(string path, bool children)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name, in parentheses, may hold spaces: fields are counted from after its closing one.
        // Field 3 is the state; utime, stime, cutime and cstime are fields 14 to 17.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 15)
        {
            return null;
        }

        long ticks = 0;
        for (var field = children ? 16 : 14; field <= 17; field++)
        {
            if (!long.TryParse(fields[field - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }

            ticks += value;
        }

        return ticks / TicksPerSecond;
    }
}
