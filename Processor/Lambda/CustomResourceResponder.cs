using System.Net;
using System.Text.Json;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// Puts a custom resource's answer to CloudFormation's pre-signed response URL. The URL is signed without a content
/// type, so none is sent; a failed put is tried again (a stack waits until an answer arrives) until the token ends.
/// </summary>
public sealed class CustomResourceResponder(HttpClient http)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    public async Task SendAsync(string responseUrl, CustomResourceResponse response, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.CustomResourceResponse);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, responseUrl) { Content = new ByteArrayContent(body) };
                using var answer = await http.SendAsync(request, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }

                if (answer.StatusCode is not (HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) || attempt == 5)
                {
                    throw new HttpRequestException(
                        $"The response URL refused the {response.Status} answer: HTTP {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(cancellationToken)}",
                        null,
                        answer.StatusCode);
                }
            }
            catch (HttpRequestException e) when (e.StatusCode is null && attempt < 5)
            {
                // Not reached (connection refused or reset): try again below.
            }

            await Task.Delay(RetryDelay * attempt, cancellationToken);
        }
    }
}
