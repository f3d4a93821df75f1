using System.Net;
using System.Net.Sockets;
using ShortVideo.Cli.Up;

namespace svctl.Tests.Up;

public sealed class ListenAddressCheckTests
{
    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://localhost:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://+:{0}")]
    [InlineData("http://0.0.0.0:{0}")]
    [InlineData("http://127.0.0.1:1;http://127.0.0.1:{0}")]
    public void A_port_taken_on_loopback_is_found_in_every_form_kestrel_would_bind_it(string urls)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var listen = string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, port);

        Assert.Equal(listen.Split(';')[^1], ListenAddressCheck.FindTaken(listen));
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("not a url")]
    public void Port_zero_and_what_kestrel_refuses_itself_are_not_reported(string urls) =>
        Assert.Null(ListenAddressCheck.FindTaken(urls));

    [Fact]
    public void A_free_port_is_not_reported_and_stays_free()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Assert.Null(ListenAddressCheck.FindTaken($"http://127.0.0.1:{port}"));

        using var after = new TcpListener(IPAddress.Loopback, port);
        after.Start();
    }
}
