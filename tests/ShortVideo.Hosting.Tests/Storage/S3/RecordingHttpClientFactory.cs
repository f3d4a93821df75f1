using System.Collections.Concurrent;
using Amazon.Runtime;

namespace ShortVideo.Hosting.Tests.Storage.S3;

/// <summary>Gives the S3 client an HttpClient that records every request it sends, headers as sent.</summary>
internal sealed class RecordingHttpClientFactory : HttpClientFactory
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>"METHOD /path?query" of every request.</summary>
    public List<string> Lines => [.. Requests.Select(r => r.Line)];

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new RecordingHandler(Requests));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class RecordingHandler(ConcurrentQueue<RecordedRequest> requests) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in request.Headers.NonValidated)
            {
                headers[name] = string.Join(",", values);
            }

            if (request.Content is not null)
            {
                foreach (var (name, values) in request.Content.Headers.NonValidated)
                {
                    headers[name] = string.Join(",", values);
                }
            }

            headers.TryAdd("host", request.RequestUri!.Authority);
            requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri, headers));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers)
{
    public string Line => $"{Method} {Uri.PathAndQuery}";
}
