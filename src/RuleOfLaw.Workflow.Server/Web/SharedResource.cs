namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// The web pages' texts: the key is the Chinese text (shown as is in zh-CN), <c>SharedResource.en.resx</c> holds the
/// English. A missing English entry shows the Chinese, and <c>LocalizationTests</c> fails the build's tests.
/// </summary>
public sealed class SharedResource;
