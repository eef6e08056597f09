using MailKit.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using RuleOfLaw.Workflow.Server.Mail;

namespace RuleOfLaw.Workflow.Server.Tests.Mail;

/// <summary>Where mails go and where their links point when little or nothing is configured.</summary>
public sealed class MailSettingsTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "RuleOfLaw.Workflow.Server";
        public string ContentRootPath { get; set; } = "/srv/rolw";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void In_Development_without_an_SMTP_host_mails_go_to_the_data_folder_and_elsewhere_to_SMTP()
    {
        Assert.Equal("/srv/rolw/data/mail", MailTransport.PickupDirectory(new MailOptions(), new Environment(Environments.Development)));
        Assert.Null(MailTransport.PickupDirectory(new MailOptions { Host = "smtp.example.gov.cn" }, new Environment(Environments.Development)));
        // Production with no host keeps sending to a local MTA (localhost:25), as before.
        Assert.Null(MailTransport.PickupDirectory(new MailOptions(), new Environment(Environments.Production)));
        Assert.Equal("localhost", new MailOptions().EffectiveHost);
        // An explicit folder wins everywhere; a relative one is under the content root.
        Assert.Equal("/srv/rolw/outbox-files", MailTransport.PickupDirectory(new MailOptions { Host = "smtp.example.gov.cn", PickupDirectory = "outbox-files" }, new Environment(Environments.Production)));
    }

    [Fact]
    public void Security_comes_from_Mail_Security_or_the_older_UseTls_switch()
    {
        Assert.Equal(SecureSocketOptions.None, new MailOptions().EffectiveSecurity);
        Assert.Equal(SecureSocketOptions.StartTls, new MailOptions { UseTls = true }.EffectiveSecurity);
        Assert.Equal(SecureSocketOptions.SslOnConnect, new MailOptions { UseTls = true, Port = 465 }.EffectiveSecurity);
        Assert.Equal(SecureSocketOptions.StartTlsWhenAvailable, new MailOptions { UseTls = true, Security = SecureSocketOptions.StartTlsWhenAvailable }.EffectiveSecurity);
    }

    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:80;https://+:443", "https://localhost:443")]
    [InlineData("http://*:5000/", "http://localhost:5000")]
    [InlineData("https://decisions.example.gov.cn", "https://decisions.example.gov.cn")]
    public void Without_Mail_BaseUrl_links_point_to_the_address_the_server_listens_on(string addresses, string expected) =>
        Assert.Equal(expected, MailLinks.FromServerAddresses(addresses.Split(';')));

    [Fact]
    public void A_server_listening_nowhere_yet_gives_no_address() => Assert.Null(MailLinks.FromServerAddresses([]));

    [Fact]
    public void The_HTML_part_is_the_escaped_text_with_clickable_links()
    {
        var html = MimeMailBuilder.Html("您有一项新的办理任务。\n\n决策事项：<草案> & 说明\n办理链接: https://decisions.example.gov.cn/matters/1\n");
        Assert.Contains("<p>您有一项新的办理任务。</p>", html);
        Assert.Contains("决策事项：&lt;草案&gt; &amp; 说明<br>", html);
        Assert.Contains("<a href=\"https://decisions.example.gov.cn/matters/1\">https://decisions.example.gov.cn/matters/1</a>", html);
    }
}
