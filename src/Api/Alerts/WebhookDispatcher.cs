using Microsoft.Extensions.Options;
using SessionKit.Grains.Alerts;
using SessionKit.Silo.Storage;

namespace SessionKit.Api.Alerts;

/// <summary>
/// Delivers fired alerts to their webhooks in the background, apart from ingest: each delivery runs on its own
/// (bounded in number), is signed, retried with doubling delays, and every attempt goes to the delivery log.
/// A hanging receiver costs one delivery slot until its timeout, never an ingest request.
/// </summary>
public sealed partial class WebhookDispatcher(
    AlertOutbox outbox,
    IAlertStore store,
    IHttpClientFactory http,
    IOptions<AlertOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "SessionKit.Webhooks";

    private readonly AlertOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        try
        {
            await foreach (var notice in outbox.Reader.ReadAllAsync(stoppingToken))
            {
                foreach (var webhookId in notice.Rule.WebhookIds)
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await DeliverAsync(notice, webhookId, stoppingToken);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: alerts still queued in memory are not delivered (docs/signals.md).
        }
    }

    private async Task DeliverAsync(AlertNotice notice, string webhookId, CancellationToken stoppingToken)
    {
        try
        {
            var webhook = await store.GetWebhookAsync(webhookId, stoppingToken);
            if (webhook is null || webhook.ProjectId != notice.ProjectId)
            {
                return;
            }

            var body = WebhookPayloads.Build(webhook.Format, notice, _options.DashboardUrl);
            for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
            {
                var (status, error) = await SendAsync(webhook, body, stoppingToken);
                var delivered = status is >= 200 and < 300;
                var outcome = delivered ? "delivered" : attempt == _options.MaxAttempts ? "failed" : "retrying";
                await store.AddDeliveryAsync(
                    new WebhookDeliveryRecord(Guid.CreateVersion7().ToString("N"), webhook.Id, webhook.ProjectId, notice.Rule.Id, notice.SessionId,
                        attempt, outcome, status, error, clock.GetUtcNow()),
                    stoppingToken);
                if (delivered)
                {
                    return;
                }

                if (attempt < _options.MaxAttempts)
                {
                    await Task.Delay(_options.RetryBaseDelay * Math.Pow(2, attempt - 1), clock, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogDeliveryFailed(logger, exception, webhookId, notice.Rule.Id);
        }
    }

    private async Task<(int? Status, string? Error)> SendAsync(WebhookRecord webhook, byte[] body, CancellationToken stoppingToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(webhook.Secret, timestamp, body));
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering alert rule {RuleId} to webhook {WebhookId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string webhookId, string ruleId);
}
