using System.Net;
using ShortVideo.Testing;
using static ShortVideo.Testing.TusRequests;

namespace ShortVideo.Hosting.Tests.Uploads;

/// <summary>The expiration extension with the node's own background sweeper.</summary>
public sealed class UploadExpiryTests
{
    [Fact]
    public async Task An_unfinished_upload_expires_its_bytes_are_swept_in_the_background_and_it_answers_410()
    {
        await using var node = await InProcessNode.StartAsync(o =>
        {
            o["Uploads:Expiration"] = "00:00:01";
            o["Uploads:SweepInterval"] = "00:00:00.200";
        });
        using var alice = node.Client("alice");
        using var created = await alice.SendAsync(Create(1000));
        var location = created.Headers.Location!;
        var expires = DateTimeOffset.Parse(created.Headers.GetValues("Upload-Expires").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
        using (var patch = await alice.SendAsync(Patch(location, 0, new byte[400])))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }

        var uploads = Path.Combine(node.DataDir, "uploads");
        Assert.Single(Directory.GetFiles(uploads));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Directory.GetFiles(uploads).Length > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Empty(Directory.GetFiles(uploads));
        using var head = await alice.SendAsync(Head(location));
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        using var late = await alice.SendAsync(Patch(location, 400, new byte[600]));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }
}
