using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// "Authorization: Bearer &lt;jwt&gt;" on <see cref="BearerTokenValidator"/>; refusals are RFC 9457 problem
/// responses whose detail says what was wrong, repeated in WWW-Authenticate as RFC 6750 asks.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string MissingCredentials =
        "The request has no bearer token: send 'Authorization: Bearer <token>' (a dev node's tokens come from 'svctl token --user NAME').";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers.Authorization;
        if (headers.Count == 0 || string.IsNullOrEmpty(headers[0]))
        {
            return AuthenticateResult.NoResult();
        }

        if (headers.Count > 1)
        {
            return AuthenticateResult.Fail(BearerTokenException.InvalidRequest("The request has more than one Authorization header."));
        }

        var header = headers[0]!.Trim();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? header : header[..space];
        if (!scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase))
        {
            // The scheme the client sent is not echoed back: the header value is attacker-controlled.
            return AuthenticateResult.Fail(BearerTokenException.InvalidRequest(
                "The Authorization header does not use the Bearer scheme: send 'Authorization: Bearer <token>'."));
        }

        var token = space < 0 ? string.Empty : header[(space + 1)..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail(BearerTokenValidator.Malformed());
        }

        try
        {
            var principal = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }
        catch (BearerTokenException refused)
        {
            return AuthenticateResult.Fail(refused);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (result.Failure is BearerTokenException refused)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] =
                $"Bearer error=\"{refused.ErrorCode}\", error_description=\"{QuotedStringSafe(refused.Message)}\"";
            await ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, refused.Message).ConfigureAwait(false);
            return;
        }

        // RFC 6750 §3.1: a request without credentials gets the bare challenge, no error code.
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        var detail = result.Failure is null ? MissingCredentials : "The bearer token could not be validated.";
        await ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized, detail).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponse.WriteAsync(
            Context,
            StatusCodes.Status403Forbidden,
            "The bearer token is valid, but its user is not allowed to perform this request.");

    // error_description is an RFC 9110 quoted-string of printable ASCII; our sentences are, except for quotes.
    private static string QuotedStringSafe(string text) => text.Replace('"', '\'').Replace('\\', '/');
}
