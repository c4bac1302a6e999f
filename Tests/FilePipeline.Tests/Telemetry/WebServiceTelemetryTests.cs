using System.Net;
using FilePipeline.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Tests.Telemetry;

/// <summary>A web service with the service defaults, on real Kestrel: health endpoints and request telemetry.</summary>
public sealed class WebServiceTelemetryTests
{
    [Fact]
    public async Task Web_service_serves_health_and_exports_request_spans_and_server_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var serviceName = $"web-{Guid.NewGuid():N}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = serviceName,
        });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/records/{key}", (string key) => key);
        await app.StartAsync(ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        using var http = new HttpClient { BaseAddress = address };
        var health = await http.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive", ct)).StatusCode);
        Assert.Equal("a.txt", await http.GetStringAsync("/records/a.txt", ct));
        await app.StopAsync(ct);
        // As a process does on exit: disposing shuts the providers down, which exports the final metric collection.
        await app.DisposeAsync();

        var request = await receiver.WaitForAsync("the request span",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == serviceName && s.Scope == "Microsoft.AspNetCore" && s.Attributes.GetValueOrDefault("url.path") == "/records/a.txt"),
            TimeSpan.FromSeconds(20), ct);
        Assert.Equal("GET /records/{key}", request.Name);
        Assert.Equal(2, request.Kind); // SPAN_KIND_SERVER
        Assert.Equal("200", request.Attributes["http.response.status_code"]);
        Assert.Equal("127.0.0.1", request.Attributes["server.address"]);
        // The client side of the probe is traced; its server side is not.
        var probe = await receiver.WaitForAsync("the client span of the health probe",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == serviceName && s.Scope == "System.Net.Http" && s.Attributes.GetValueOrDefault("url.full") == new Uri(address, "/health").ToString()),
            TimeSpan.FromSeconds(20), ct);
        Assert.DoesNotContain(receiver.Spans, s => s.ParentSpanId == probe.SpanId);
        var client = Assert.Single(receiver.Spans, s => s.Scope == "System.Net.Http" && s.Attributes.GetValueOrDefault("url.full") == new Uri(address, "/records/a.txt").ToString());
        Assert.Equal(client.SpanId, request.ParentSpanId);
        await receiver.WaitForAsync("the request duration metric",
            r => r.Metrics.FirstOrDefault(m => m.ServiceName == serviceName && m.Name == "http.server.request.duration"), TimeSpan.FromSeconds(20), ct);
        await receiver.WaitForAsync("a Kestrel metric",
            r => r.Metrics.FirstOrDefault(m => m.ServiceName == serviceName && m.Scope == "Microsoft.AspNetCore.Server.Kestrel"), TimeSpan.FromSeconds(20), ct);
    }
}
