using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Hosting.Auth;

namespace ShortVideo.Hosting.Tests.Auth;

public sealed class DevSigningKeyTests : IDisposable
{
    private readonly AuthTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static ServiceProvider Provider(string dataDir) => OtherProcess.Services(dataDir);

    [Fact]
    public async Task Dev_key_is_created_once_and_reused_by_a_second_service_provider_on_the_same_data_dir()
    {
        var dataDir = _directory.Sub("data");
        var keyPath = Path.Combine(dataDir, "keys", "dev-signing.key");
        Assert.False(File.Exists(keyPath));

        string token;
        using (var first = Provider(dataDir))
        {
            token = first.GetRequiredService<TokenIssuer>().Issue("alice", TimeSpan.FromHours(1));
        }

        var keyAfterFirst = await File.ReadAllTextAsync(keyPath);
        await using var second = await AuthTestApp.StartAsync(dataDir);
        using var response = await second.GetMeWithTokenAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(keyAfterFirst, await File.ReadAllTextAsync(keyPath));
    }

    [Fact]
    public void Dev_key_is_256_random_bits_different_per_data_dir()
    {
        var a = DevSigningKeyStore.LoadOrCreate(_directory.Sub("a"));
        var b = DevSigningKeyStore.LoadOrCreate(_directory.Sub("b"));

        Assert.Equal(32, a.Length);
        Assert.Equal(32, b.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, DevSigningKeyStore.LoadOrCreate(_directory.Sub("a")));
    }

    [Fact]
    public void Dev_key_file_and_its_directory_are_accessible_to_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes; the platform's ACLs on the user profile apply
        }

        var dataDir = _directory.Sub("data");
        DevSigningKeyStore.LoadOrCreate(dataDir);

        var fileMode = File.GetUnixFileMode(DevSigningKeyStore.KeyPath(dataDir));
        var keysMode = File.GetUnixFileMode(Path.Combine(dataDir, "keys"));
        var dataMode = File.GetUnixFileMode(dataDir);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, fileMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, keysMode);
        Assert.Equal(File.GetUnixFileMode(Directory.CreateDirectory(_directory.Sub("usual")).FullName), dataMode);
    }

    [Fact]
    public void Concurrent_first_starts_on_a_fresh_data_dir_agree_on_one_key()
    {
        // Many rounds of many threads released at once: a create-then-overwrite implementation hands
        // different keys to the racers in practically every round.
        const int Rounds = 20;
        const int Racers = 8;
        for (var round = 0; round < Rounds; round++)
        {
            var dataDir = _directory.Sub($"race-{round}");
            using var start = new Barrier(Racers);
            var keys = new byte[Racers][];
            var threads = Enumerable.Range(0, Racers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                keys[i] = DevSigningKeyStore.LoadOrCreate(dataDir);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var onDisk = DevSigningKeyStore.LoadOrCreate(dataDir);
            Assert.All(keys, key => Assert.Equal(onDisk, key));
            Assert.Equal(["dev-signing.key"], Directory.GetFiles(Path.Combine(dataDir, "keys")).Select(Path.GetFileName));
        }
    }

    [Fact]
    public void Damaged_key_file_fails_with_a_message_naming_the_file_and_the_fix()
    {
        var dataDir = _directory.Sub("data");
        Directory.CreateDirectory(Path.Combine(dataDir, "keys"));
        File.WriteAllText(DevSigningKeyStore.KeyPath(dataDir), "not base64!");

        var error = Assert.Throws<InvalidOperationException>(() => DevSigningKeyStore.LoadOrCreate(dataDir));

        Assert.Contains(DevSigningKeyStore.KeyPath(dataDir), error.Message, StringComparison.Ordinal);
        Assert.Contains("delete it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuing_after_a_failed_key_creation_succeeds_once_the_data_dir_is_usable()
    {
        // A file where the data dir should be makes key creation fail; removing it must be enough.
        var dataDir = _directory.Sub("data");
        File.WriteAllText(dataDir, "in the way");
        using var provider = Provider(dataDir);
        var issuer = provider.GetRequiredService<TokenIssuer>();

        Assert.ThrowsAny<IOException>(() => issuer.Issue("alice", TimeSpan.FromHours(1)));
        File.Delete(dataDir);

        Assert.NotEmpty(issuer.Issue("alice", TimeSpan.FromHours(1)));
    }
}
