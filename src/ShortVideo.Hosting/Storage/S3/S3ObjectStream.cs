using Amazon.S3.Model;
using ShortVideo.Storage;

namespace ShortVideo.Hosting.Storage.S3;

/// <summary>
/// A read-only stream over a GetObject response body that owns the response, so disposing the stream
/// releases the HTTP connection, and that knows its length (the response body alone does not).
/// </summary>
internal sealed class S3ObjectStream(GetObjectResponse response) : ReadOnlyForwardStream
{
    private readonly Stream _body = response.ResponseStream;

    public override long Length { get; } = response.ContentLength;

    public override int Read(Span<byte> buffer) => Counted(_body.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}
