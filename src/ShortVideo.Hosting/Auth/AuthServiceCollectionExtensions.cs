using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShortVideo;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers bearer token authentication of a node.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "Bearer" authentication scheme (the default scheme), an authorization default policy that
    /// requires an authenticated user, <see cref="TokenIssuer"/>, <see cref="TokenRevoker"/> and
    /// <see cref="SigningKeyRotator"/>. Options come from the configuration
    /// section "Auth" (<see cref="AuthOptions"/>); in <see cref="AuthMode.Dev"/> the signing key is kept in
    /// the data directory (configuration key "DataDir"). Invalid options fail the host's start.
    /// </summary>
    public static IShortVideoBuilder AddShortVideoAuth(this IShortVideoBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(BearerTokenValidator)))
        {
            return builder; // AddScheme throws on a second "Bearer" scheme; a second call is a no-op.
        }

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddShortVideoDataDirectory();
        services.AddLogging(); // the key and revocation refreshes log what they could not read
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SigningKeyProvider>();
        services.TryAddSingleton<ITokenRevocationStore, FileTokenRevocationStore>();
        services.TryAddSingleton<TokenRevocationList>();
        services.TryAddSingleton<IssuedTokenLog>();
        services.TryAddSingleton<BearerTokenValidator>();
        services.TryAddSingleton(static sp => new TokenIssuer(
            sp.GetRequiredService<SigningKeyProvider>(),
            sp.GetRequiredService<IOptions<AuthOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IssuedTokenLog>()));
        services.TryAddSingleton(static sp => new TokenRevoker(
            sp.GetRequiredService<ITokenRevocationStore>(),
            sp.GetRequiredService<IssuedTokenLog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static sp => new SigningKeyRotator(
            sp.GetRequiredService<IOptions<AuthOptions>>(),
            sp.GetRequiredService<IOptions<DataDirectoryOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SigningKeyProvider>()));

        services
            .AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(static options => options.DefaultPolicy = new AuthorizationPolicyBuilder(BearerAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .Build());
        return builder;
    }

    /// <summary>
    /// Same as <see cref="AddShortVideoAuth(IShortVideoBuilder)"/>, then <paramref name="configure"/> runs after
    /// the configuration is bound, so values set in code win over configuration.
    /// </summary>
    public static IShortVideoBuilder AddShortVideoAuth(this IShortVideoBuilder builder, Action<AuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddShortVideoAuth();
        builder.Services.Configure(configure);
        return builder;
    }
}
