using Microsoft.Playwright;

namespace ShortVideo.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's Chromium (installed by ./test.sh), driven headless through Playwright. Playwright's own
/// browser builds are never downloaded: the machines have no route to their CDN, and the distribution
/// build is the one that must play our media (it carries the proprietary H.264/AAC decoders).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./test.sh (or apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // No sandbox: tests run as root in containers, where Chromium's sandbox cannot start.
                // No GPU: the machines have none for Chromium; software decoding is what we prove.
                // No background networking: nothing may leave the machine (updates, field trials).
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page at <paramref name="url"/>, recording its console from before the first script runs.</summary>
    public async Task<PlayerPage> OpenAsync(Uri url)
    {
        var page = await _browser.NewPageAsync();
        var player = new PlayerPage(page);
        await page.GotoAsync(url.AbsoluteUri);
        return player;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
