using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>
/// The S3 endpoint answers HTTP: any answer (403 for an unsigned request included) means reachable.
/// Credentials are the node's business; a HEAD of the bucket path tells a missing bucket on open servers.
/// </summary>
internal sealed class S3Check(IConfigurationSection storage, TimeSpan? timeout = null) : IDoctorCheck
{
    private readonly TimeSpan _timeout = timeout ?? ConnectionFailure.DefaultTimeout;

    public string Name => "s3";

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var provider = storage["Provider"];
        if (!string.Equals(provider, "S3", StringComparison.OrdinalIgnoreCase))
        {
            return CheckResult.Skipped(Name, $"Storage:Provider is {provider ?? "FileSystem (default)"}: blobs are stored under the data directory.");
        }

        var bucket = storage["S3:Bucket"];
        if (string.IsNullOrWhiteSpace(bucket))
        {
            return CheckResult.Fail(Name, "Storage:Provider is S3 but Storage:S3:Bucket is not set.");
        }

        var serviceUrl = storage["S3:ServiceUrl"];
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            var region = storage["S3:Region"];
            if (string.IsNullOrWhiteSpace(region))
            {
                return CheckResult.Fail(Name, "Storage:Provider is S3 but neither Storage:S3:ServiceUrl nor Storage:S3:Region is set.");
            }

            serviceUrl = $"https://s3.{region}.amazonaws.com";
        }

        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || (service.Scheme != Uri.UriSchemeHttp && service.Scheme != Uri.UriSchemeHttps))
        {
            return CheckResult.Fail(Name, $"Storage:S3:ServiceUrl '{serviceUrl}' is not an http(s) URL.");
        }

        var target = new Uri(service, Uri.EscapeDataString(bucket));
        using var handler = new SocketsHttpHandler { ConnectTimeout = _timeout, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, target);
            using var response = await client.SendAsync(request, deadline.Token);
            var status = (int)response.StatusCode;
            var facts = new JsonObject { ["url"] = target.ToString(), ["httpStatus"] = status };
            var answered = string.Create(CultureInfo.InvariantCulture, $"{service.GetLeftPart(UriPartial.Authority)} answered HTTP {status} {response.ReasonPhrase}");
            return response.StatusCode == HttpStatusCode.NotFound
                ? CheckResult.Warn(Name, $"{answered} for bucket '{bucket}': the bucket may not exist yet.", facts)
                : CheckResult.Ok(Name, $"{answered} for bucket '{bucket}' (reachable; credentials are not checked).", facts);
        }
        catch (Exception failure) when (failure is OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var reason = failure is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"no answer within {_timeout.TotalSeconds:0.#} s")
                : failure.InnerException?.Message ?? failure.Message;
            return CheckResult.Fail(Name, $"S3 endpoint {service.GetLeftPart(UriPartial.Authority)} is not reachable: {reason}.");
        }
    }
}
