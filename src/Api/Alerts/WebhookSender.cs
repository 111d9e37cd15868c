using System.Globalization;
using Microsoft.Extensions.Options;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

/// <summary>One attempt to post a pending delivery to its webhook: the body in the webhook's format, signed, with the delivery's id.</summary>
public sealed class WebhookSender(IHttpClientFactory http, IOptions<AlertOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "SessionKit.Webhooks";

    private readonly AlertOptions _options = options.Value;

    /// <summary>The receiver's status code, or null and what went wrong when there was no answer in time.</summary>
    public async Task<(int? Status, string? Error)> SendAsync(WebhookRecord webhook, PendingDeliveryRecord delivery, CancellationToken stoppingToken)
    {
        var body = WebhookPayloads.Build(webhook.Format, PendingDeliveryNotice.From(delivery), _options.DashboardUrl);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(webhook.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            // The log says what went wrong, never the receiver's answer body or our payload.
            return (null, exception is OperationCanceledException ? $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s" : exception.Message);
        }
    }
}
