using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The keys that both <see cref="TokenIssuer"/> and the bearer handler use: the dev keys of the data directory,
/// re-read when <c>svctl key rotate</c> adds one, or the configured production keys.
/// </summary>
internal sealed partial class SigningKeyProvider
{
    private readonly AuthOptions _options;
    private readonly DataDirectoryOptions _dataDirectory;
    private readonly ILogger _logger;
    private readonly RefreshSchedule _schedule;
    private readonly Lock _gate = new();
    private SigningKeyRing? _ring;
    private string[] _files = [];

    public SigningKeyProvider(
        IOptions<AuthOptions> options,
        IOptions<DataDirectoryOptions> dataDirectory,
        TimeProvider timeProvider,
        ILogger<SigningKeyProvider> logger)
    {
        _options = options.Value;
        _dataDirectory = dataDirectory.Value;
        _logger = logger;
        _schedule = new RefreshSchedule(timeProvider, _options.RefreshInterval);
    }

    /// <summary>
    /// The keys now. Resolved on first use, so the dev key is created by the first token or request, not by
    /// DI; a failure then (data dir not writable yet) is thrown and retried on the next call.
    /// </summary>
    public SigningKeyRing Ring
    {
        get
        {
            var ring = Volatile.Read(ref _ring);
            if (ring is not null && (_options.Mode == AuthMode.Production || !_schedule.IsDue))
            {
                return ring;
            }

            lock (_gate)
            {
                return _ring is null ? Load() : Refresh(_ring);
            }
        }
    }

    /// <summary>Reads the keys again now, as after a rotation made in this process.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            Load();
        }
    }

    private SigningKeyRing Load()
    {
        var ring = _options.Mode == AuthMode.Production ? ProductionRing(_options) : LoadDevRing();
        Volatile.Write(ref _ring, ring);
        return ring;
    }

    private SigningKeyRing Refresh(SigningKeyRing ring)
    {
        if (!_schedule.IsDue)
        {
            return ring; // another caller refreshed while this one waited for the lock
        }

        try
        {
            // Published key files never change, so an unchanged list of names is an unchanged ring: one readdir.
            return DevSigningKeyStore.ListKeyFiles(_dataDirectory.FullPath).AsSpan().SequenceEqual(_files) ? ring : Load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Refusing every token because a key file cannot be read now would turn a mishap into an outage.
            LogRefreshFailed(_logger, e.Message);
            return ring;
        }
        finally
        {
            _schedule.Done();
        }
    }

    private SigningKeyRing LoadDevRing()
    {
        // Names first: a rotation between the two reads leaves them behind the ring, so the next look reloads.
        var files = DevSigningKeyStore.ListKeyFiles(_dataDirectory.FullPath);
        var ring = DevSigningKeyStore.LoadRing(_dataDirectory.FullPath);
        _files = files;
        _schedule.Done();
        return ring;
    }

    private static SigningKeyRing ProductionRing(AuthOptions options)
    {
        var entries = new List<SigningKeyEntry>();
        foreach (var previous in options.PreviousSigningKeys.OrderBy(static p => p.ValidUntil))
        {
            SigningKeys.TryDecode(previous.Key, out var bytes);
            entries.Add(new SigningKeyEntry(SigningKeys.SecurityKey(bytes), previous.ValidUntil));
        }

        SigningKeys.TryDecode(options.SigningKey, out var current);
        entries.Add(new SigningKeyEntry(SigningKeys.SecurityKey(current), RetiresAt: null));
        return new SigningKeyRing(entries);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dev signing keys could not be re-read; the keys read before stay in use: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
