using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using Microsoft.Playwright;

namespace FilePipeline.Tests.Viewer;

/// <summary>
/// Playwright driving Debian's chromium against the real viewer on the real emulator: list, filter, detail,
/// upload (chooser and drag and drop), live update, redrive, keyboard and an accessibility audit. Screenshots are
/// kept in TestResults/screenshots.
/// </summary>
public sealed class ViewerBrowserTests(BrowserStack stack) : IClassFixture<BrowserStack>
{
    private const string HostileKey = "<script>alert(1)</script>.txt";

    [Fact]
    public async Task List_filter_and_detail_show_records_and_never_run_a_hostile_key()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = $"browse-{Guid.NewGuid():N}/";
        var now = DateTimeOffset.UtcNow;
        await stack.PutRecordAsync(stack.Record(HostileKey, now.AddMinutes(-3)), ct);
        await stack.PutRecordAsync(stack.Record(folder + "photo.png", now.AddMinutes(-2), RecordStatus.Rejected, "image/png"), ct);
        await stack.PutRecordAsync(stack.Record(folder + "notes.txt", now.AddMinutes(-1)), ct);
        var page = await stack.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/");
        var rows = page.Locator("#records tr");
        await Assertions.Expect(rows.Filter(new() { HasText = folder + "notes.txt" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = HostileKey, Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = folder }).First).ToContainTextAsync(folder + "notes.txt"); // newest first
        await BrowserStack.ScreenshotAsync(page, "list");

        await page.GetByLabel("Status").SelectOptionAsync("REJECTED");
        await page.GetByLabel("Key prefix", new() { Exact = true }).Last.FillAsync(folder);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=REJECTED", StringComparison.Ordinal));
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(folder + "photo.png");
        await Assertions.Expect(rows.First.Locator(".badge")).ToHaveTextAsync("REJECTED");
        await BrowserStack.ScreenshotAsync(page, "filtered");

        await page.GotoAsync("/?q=" + Uri.EscapeDataString("<script>"));
        await page.GetByRole(AriaRole.Link, new() { Name = HostileKey, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(HostileKey);
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("<img src=x onerror=alert(2)>");
        await Assertions.Expect(page.Locator("#sha256")).ToHaveTextAsync(stack.Record(HostileKey, now).Sha256!);
        await Assertions.Expect(page.Locator("#trace-link")).ToHaveAttributeAsync(
            "href", "http://dashboard.test/traces/4bf92f3577b34da6a3ce929d0e0e4736");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Received");
        await BrowserStack.ScreenshotAsync(page, "detail");

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Uploads_show_progress_per_file_and_new_records_appear_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"upload-{Guid.NewGuid():N}/";
        // The table is shared with the other tests of this class: this record makes sure the page opens with a
        // newest record of this test's own (the live feed starts at its time), whatever ran before.
        var baseline = prefix + "before-the-page.txt";
        await stack.PutRecordAsync(stack.Record(baseline, DateTimeOffset.UtcNow), ct);
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#records tr").First).ToContainTextAsync(baseline);
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Live");

        await page.GetByLabel("Key prefix", new() { Exact = true }).First.FillAsync(prefix);
        await page.GetByLabel("Files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "first.txt", MimeType = "text/plain", Buffer = "first file"u8.ToArray() },
            new FilePayload { Name = "second <b>.csv", MimeType = "text/csv", Buffer = "a,b\n1,2\n"u8.ToArray() },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        // Drag and drop a third file onto the drop zone.
        await page.EvaluateAsync("""
            () => {
              const data = new DataTransfer();
              data.items.add(new File(['dropped'], 'dropped.txt', { type: 'text/plain' }));
              const zone = document.getElementById('drop-zone');
              for (const type of ['dragenter', 'dragover', 'drop'])
                zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """);

        var uploads = page.Locator("#upload-list li");
        await Assertions.Expect(uploads).ToHaveCountAsync(3);
        await Assertions.Expect(uploads.And(page.Locator("[data-result=uploaded]"))).ToHaveCountAsync(3);
        foreach (var progress in await page.Locator("#upload-list progress").AllAsync())
        {
            await Assertions.Expect(progress).ToHaveAttributeAsync("value", "100");
        }

        await BrowserStack.ScreenshotAsync(page, "uploaded");

        // The processor's queue worker is not in this build: the test writes the records a processor would write,
        // for the objects the browser stored, and the open page must show them without a reload.
        var stored = await stack.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = stack.Bucket, Prefix = prefix }, ct);
        var keys = stored.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([prefix + "dropped.txt", prefix + "first.txt", prefix + "second <b>.csv"], keys);
        foreach (var key in keys)
        {
            var head = await stack.S3.GetObjectMetadataAsync(stack.Bucket, key, ct);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", head.Metadata["traceparent"]);
            await stack.PutRecordAsync(stack.Record(key, DateTimeOffset.UtcNow), ct);
        }

        foreach (var key in keys)
        {
            await Assertions.Expect(page.Locator("#records tr.fresh").Filter(new() { HasText = key })).ToHaveCountAsync(1);
        }

        // The last event is this test's newest record; the record the page already showed was not repeated.
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync($"New record: {keys[^1]} (PROCESSED)");
        await Assertions.Expect(page.Locator("#records tr").Filter(new() { HasText = baseline })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#records tr.fresh").Filter(new() { HasText = baseline })).ToHaveCountAsync(0);
        await BrowserStack.ScreenshotAsync(page, "live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Live_feed_does_not_repeat_the_records_the_page_already_shows()
    {
        var ct = TestContext.Current.CancellationToken;
        var shown = $"shown-{Guid.NewGuid():N}.txt";
        var later = $"later-{Guid.NewGuid():N}.txt";
        await stack.PutRecordAsync(stack.Record(shown, DateTimeOffset.UtcNow), ct);
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");
        var rows = page.Locator("#records tr");
        await Assertions.Expect(rows.First).ToContainTextAsync(shown); // newest: the feed starts at its time, inclusive
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Live");

        await stack.PutRecordAsync(stack.Record(later, DateTimeOffset.UtcNow.AddMilliseconds(5)), ct);

        // The feed sends in processing-time order, so by the time the later record is in, the shown one has been
        // sent again (the server's window is inclusive) and must have been recognised as already on the page.
        await Assertions.Expect(page.Locator("#records tr.fresh").Filter(new() { HasText = later })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync($"New record: {later} (PROCESSED)");
        await Assertions.Expect(rows.Filter(new() { HasText = shown })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#records tr.fresh").Filter(new() { HasText = shown })).ToHaveCountAsync(0);
        Assert.Equal(later, await rows.First.GetAttributeAsync("data-key"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_a_clear_error_in_the_page()
    {
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");
        // This stack's viewer allows 64 KB per file; the page checks before sending (the server refuses with 413 too).
        await page.GetByLabel("Files").SetInputFilesAsync(new FilePayload { Name = "big.bin", MimeType = "application/octet-stream", Buffer = new byte[100_000] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-list li[data-result=failed]")).ToContainTextAsync("too large: the limit is 64 KB");
        await Assertions.Expect(page.Locator("#drop-zone label")).ToContainTextAsync("at most 64 KB each");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pipeline_page_lists_dead_letters_with_reasons_and_redrives_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var failedKey = $"failing-{Guid.NewGuid():N}.pdf";
        await stack.PutRecordAsync(stack.Record(failedKey, DateTimeOffset.UtcNow, RecordStatus.Failed) with { Reason = "HeadObject kept timing out" }, ct);
        var s3Event = """{"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"BUCKET"},"object":{"key":"KEY","size":5}}}]}"""
            .Replace("BUCKET", stack.Bucket, StringComparison.Ordinal).Replace("KEY", failedKey, StringComparison.Ordinal);
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, "this is not json"), ct);
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, s3Event), ct);
        var page = await stack.NewPageAsync();

        await page.GotoAsync("/pipeline");

        await Assertions.Expect(page.Locator("#dlq-depth")).ToHaveTextAsync("2");
        var letters = page.Locator("#dead-letters tbody tr");
        await Assertions.Expect(letters).ToHaveCountAsync(2);
        await Assertions.Expect(letters.Filter(new() { HasText = "this is not json" })).ToContainTextAsync("not JSON");
        await Assertions.Expect(letters.Filter(new() { HasText = failedKey })).ToContainTextAsync("FAILED: HeadObject kept timing out");
        await Assertions.Expect(page.Locator("#throughput-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#records-by-status")).ToContainTextAsync("FAILED");
        await BrowserStack.ScreenshotAsync(page, "pipeline");

        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive the dead-letter queue" }).ClickAsync();

        await Assertions.Expect(page.Locator("#outcome")).ToHaveTextAsync("Moved 2 message(s) from the dead-letter queue back to the queue.", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#dlq-depth")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#dlq-empty")).ToBeVisibleAsync();
        Assert.Equal(2, await stack.DepthAsync(stack.QueueUrl, ct));
        await BrowserStack.ScreenshotAsync(page, "redriven");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_work_from_the_keyboard_and_pass_the_accessibility_audit()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = $"a11y-{Guid.NewGuid():N}.txt";
        await stack.PutRecordAsync(stack.Record(key, DateTimeOffset.UtcNow, RecordStatus.Missing), ct);
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        var reached = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached.Add(await page.EvaluateAsync<string>("() => document.activeElement.id || document.activeElement.textContent.trim()"));
            if (reached[^1] == key)
            {
                break;
            }
        }

        foreach (var expected in new[] { "upload-files", "upload-prefix", "f-status", "f-type", "f-prefix", "f-q", "f-from", "f-to", key })
        {
            Assert.Contains(expected, reached);
        }

        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(key);

        foreach (var path in new[] { "/", "/record?key=" + Uri.EscapeDataString(key), "/pipeline", "/?status=LOST" })
        {
            await page.GotoAsync(path);
            var problems = await page.EvaluateAsync<string[]>(AccessibilityAudit.Script);
            Assert.True(problems.Length == 0, $"{path}: {string.Join("; ", problems)}");
        }

        await page.Context.CloseAsync();
    }
}
