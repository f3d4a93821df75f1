using ShortVideo.Cli.Upload;

namespace svctl.Tests.Upload;

public sealed class ProblemDetailTests
{
    [Fact]
    public void Problem_json_bodies_yield_their_detail_and_text_bodies_their_first_line()
    {
        Assert.Equal("token expired", ProblemDetail.Extract("application/problem+json", """{"title":"Unauthorized","detail":"token expired"}"""u8));
        Assert.Equal("Unauthorized", ProblemDetail.Extract("application/problem+json", """{"title":"Unauthorized"}"""u8));
        Assert.Equal("Upload-Offset conflict", ProblemDetail.Extract("text/plain", "Upload-Offset conflict\nmore"u8));
        Assert.Null(ProblemDetail.Extract("text/plain", ""u8));
    }
}
