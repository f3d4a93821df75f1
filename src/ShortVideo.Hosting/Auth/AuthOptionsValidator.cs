using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>Fails startup with a sentence that says which key to set, rather than a crypto exception on the first request.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Auth:Mode must be Dev or Production, not '{options.Mode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add("Auth:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Auth:Audience must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero)
        {
            failures.Add("Auth:ClockSkew must not be negative.");
        }

        if (options.Mode == AuthMode.Production && SigningKeyProblem(options.SigningKey) is { } problem)
        {
            failures.Add(problem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? SigningKeyProblem(string? signingKey)
    {
        const string How = "set Auth:SigningKey (environment SV_Auth__SigningKey) to a base64 key of at least 32 bytes, for example the output of 'openssl rand -base64 32'.";
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            return "Auth:SigningKey is required when Auth:Mode is Production: " + How;
        }

        var buffer = new byte[signingKey.Length];
        if (!Convert.TryFromBase64String(signingKey.Trim(), buffer, out var length))
        {
            return "Auth:SigningKey is not valid base64: " + How;
        }

        return length < AuthOptions.MinimumSigningKeyBytes
            ? $"Auth:SigningKey is {length} bytes long, shorter than the {AuthOptions.MinimumSigningKeyBytes} bytes HS256 needs: " + How
            : null;
    }
}
