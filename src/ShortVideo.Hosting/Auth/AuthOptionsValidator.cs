using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>Fails startup with a sentence that says which key to set, rather than a crypto exception on the first request.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>Longest accepted <see cref="AuthOptions.MaxTokenLifetime"/>: a year keeps <c>exp</c> far from any date arithmetic limit.</summary>
    public static readonly TimeSpan LongestMaxTokenLifetime = TimeSpan.FromDays(365);

    private static readonly TimeSpan LongestRefreshInterval = TimeSpan.FromMinutes(1);

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

        if (options.MaxTokenLifetime <= TimeSpan.Zero || options.MaxTokenLifetime > LongestMaxTokenLifetime)
        {
            failures.Add($"Auth:MaxTokenLifetime must be positive and at most 365 days (365.00:00:00), not {options.MaxTokenLifetime}.");
        }

        if (options.RefreshInterval < TimeSpan.Zero || options.RefreshInterval > LongestRefreshInterval)
        {
            failures.Add($"Auth:RefreshInterval must be between 00:00:00 and 00:01:00 (revocations must reach the node quickly), not {options.RefreshInterval}.");
        }

        if (options.Mode == AuthMode.Production)
        {
            if (SigningKeyProblem("Auth:SigningKey", options.SigningKey) is { } problem)
            {
                failures.Add(problem);
            }

            for (var i = 0; i < options.PreviousSigningKeys.Count; i++)
            {
                var previous = options.PreviousSigningKeys[i];
                if (SigningKeyProblem($"Auth:PreviousSigningKeys:{i}:Key", previous.Key) is { } previousProblem)
                {
                    failures.Add(previousProblem);
                }

                if (previous.ValidUntil is null)
                {
                    failures.Add($"Auth:PreviousSigningKeys:{i}:ValidUntil is required: the instant (e.g. 2031-03-05T12:00:00Z) after which tokens signed with that key are refused.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? SigningKeyProblem(string key, string? signingKey)
    {
        var how = $"set {key} (environment SV_{key.Replace(":", "__", StringComparison.Ordinal)}) to a base64 key of at least 32 bytes, for example the output of 'openssl rand -base64 32'.";
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            return $"{key} is required when Auth:Mode is Production: " + how;
        }

        return SigningKeys.TryDecode(signingKey, out var bytes)
            ? bytes.Length < AuthOptions.MinimumSigningKeyBytes
                ? $"{key} is {bytes.Length} bytes long, shorter than the {AuthOptions.MinimumSigningKeyBytes} bytes HS256 needs: " + how
                : null
            : $"{key} is not valid base64: " + how;
    }
}
