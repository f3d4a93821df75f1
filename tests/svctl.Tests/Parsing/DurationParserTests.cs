using ShortVideo.Cli.Parsing;

namespace svctl.Tests.Parsing;

public sealed class DurationParserTests
{
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 30 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("7d", 7 * 86400)]
    [InlineData(" 2H ", 2 * 3600)]
    [InlineData("365d", 365 * 86400)]
    public void Whole_number_and_unit_parse_to_that_duration(string text, long seconds)
    {
        Assert.True(DurationParser.TryParse(text, Year, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("24")]
    [InlineData("h")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("5 m")]
    [InlineData("5w")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused_with_the_accepted_formats(string? text)
    {
        Assert.False(DurationParser.TryParse(text, Year, out _, out var error));
        Assert.Equal($"'{text}' is not a duration: use a whole number followed by s, m, h or d (90s, 30m, 24h, 7d).", error);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("0d")]
    public void Zero_is_refused_as_not_positive(string text)
    {
        Assert.False(DurationParser.TryParse(text, Year, out _, out var error));
        Assert.Equal($"'{text}' is not a positive duration.", error);
    }

    [Theory]
    [InlineData("366d")]
    [InlineData("8761h")]
    [InlineData("99999999999999999d")]
    [InlineData("999999999999999999999s")]
    public void Longer_than_the_maximum_is_refused_naming_the_maximum(string text)
    {
        Assert.False(DurationParser.TryParse(text, Year, out _, out var error));
        Assert.Equal($"'{text}' is longer than the maximum of 365d.", error);
    }

    [Theory]
    [InlineData(90, "90s")]
    [InlineData(120, "2m")]
    [InlineData(7200, "2h")]
    [InlineData(172800, "2d")]
    public void Format_uses_the_largest_exact_unit(int seconds, string expected)
    {
        Assert.Equal(expected, DurationParser.Format(TimeSpan.FromSeconds(seconds)));
    }
}
