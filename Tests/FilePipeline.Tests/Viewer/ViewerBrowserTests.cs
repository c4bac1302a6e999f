using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;
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
        // The filtered page is the one navigated to; the assertions below wait for what it shows. Its load event is
        // not waited for: a clean-clone CI run timed out on it (15 s) while the page itself had gone network-idle.
        await page.WaitForURLAsync(url => url.Contains("status=REJECTED", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
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

        // This class's bucket sends no events (A_file_uploaded_in_the_page_is_processed_by_the_real_worker... runs the
        // real processor): here the test writes the records a processor would write, for the objects the browser
        // stored, and the open page must show them without a reload.
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
    public async Task A_file_uploaded_in_the_page_is_processed_by_the_real_worker_and_its_record_appears_without_a_reload()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"processed-{Guid.NewGuid():N}/";
        var key = prefix + "hello.txt";
        var content = "hello from the browser\n"u8.ToArray();
        // The bucket's events for this prefix go to a queue of this test's own, served by the real processor (its queue
        // worker, as the AppHost runs it): the other tests' objects reach no worker, and their queue stays theirs.
        var deadLetters = (await stack.Sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("browser-dlq")), ct)).QueueUrl!;
        var queue = (await stack.Sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("browser-events")), ct)).QueueUrl!;
        var queueArn = (await stack.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queue, [QueueAttributeName.QueueArn]), ct)).QueueARN;
        await stack.S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = stack.Bucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = queueArn,
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", prefix)] } },
                },
            ],
        }, ct);
        var environment = new Dictionary<string, string>(stack.Moto.Emulator.ClientEnvironment())
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS__Resources__BucketName"] = stack.Bucket,
            ["AWS__Resources__TableName"] = stack.Table,
            ["AWS__Resources__QueueUrl"] = queue,
            ["AWS__Resources__DeadLetterQueueUrl"] = deadLetters,
            ["Processor__WaitTimeSeconds"] = "1",
        };
        try
        {
            await using var worker = FilePipeline.Testing.WorkerProcess.Start(environment);
            await worker.WaitReadyAsync(TimeSpan.FromMinutes(2), ct);
            var page = await stack.NewPageAsync();
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Live");

            await page.GetByLabel("Key prefix", new() { Exact = true }).First.FillAsync(prefix);
            await page.GetByLabel("Files").SetInputFilesAsync(new FilePayload { Name = "hello.txt", MimeType = "text/plain", Buffer = content });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            await Assertions.Expect(page.Locator("#upload-list li[data-result=uploaded]")).ToHaveCountAsync(1);

            // Nobody but the worker writes this record: it appears in the open page, as the processor measured the object.
            await Assertions.Expect(page.Locator("#records tr.fresh").Filter(new() { HasText = key })).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync($"New record: {key} (PROCESSED)");
            var record = await new RecordStore(stack.Dynamo, stack.Table).GetAsync(stack.Bucket, key, ct);
            Assert.NotNull(record);
            Assert.False(string.IsNullOrEmpty(record.MessageId), "the record names no SQS message: the worker did not write it");
            // The worker logs the write after it returns, through the console logger's queue: the page can show the
            // record before the line is out, so wait for the line (it must come; a worker that wrote nothing logs none).
            var line = $"Record s3://{stack.Bucket}/{key}: PROCESSED";
            await FilePipeline.Tests.Processor.Eventually.WaitAsync(() => Task.FromResult(worker.Output), output => output.Contains(line, StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), $"the worker's line '{line}'", ct);
            await BrowserStack.ScreenshotAsync(page, "processed-live");

            await page.GetByRole(AriaRole.Link, new() { Name = key, Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(key);
            await Assertions.Expect(page.Locator("#sha256")).ToHaveTextAsync(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
            await Assertions.Expect(page.Locator("#text-counts")).ToHaveTextAsync("4 words, 1 line, utf-8"); // the encoding only the scan finds
            await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("hello from the browser");
            await BrowserStack.ScreenshotAsync(page, "processed-record");
            await page.Context.CloseAsync();
        }
        finally
        {
            await stack.S3.PutBucketNotificationAsync(new PutBucketNotificationRequest { BucketName = stack.Bucket }, CancellationToken.None);
        }
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
        // This stack's viewer allows 64 KiB per file; the page checks before sending (the server refuses with 413 too).
        await page.GetByLabel("Files").SetInputFilesAsync(new FilePayload { Name = "big.bin", MimeType = "application/octet-stream", Buffer = new byte[100_000] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-list li[data-result=failed]")).ToContainTextAsync("too large: the limit is 64 KiB");
        await Assertions.Expect(page.Locator("#drop-zone label")).ToContainTextAsync("at most 64 KiB each");
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
        var bigBody = "{\"padding\":\"" + string.Concat(Enumerable.Repeat("0123456789", 20_000)) + "\"}"; // 200 KB, no spaces
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, "this is not json"), ct);
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, s3Event), ct);
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, bigBody), ct);
        var page = await stack.NewPageAsync();

        await page.GotoAsync("/pipeline");

        await Assertions.Expect(page.Locator("#dlq-depth")).ToHaveTextAsync("3");
        var letters = page.Locator("#dead-letters tbody tr");
        await Assertions.Expect(letters).ToHaveCountAsync(3);
        await Assertions.Expect(letters.Filter(new() { HasText = "this is not json" })).ToContainTextAsync("not JSON");
        await Assertions.Expect(letters.Filter(new() { HasText = failedKey })).ToContainTextAsync("FAILED: HeadObject kept timing out");
        await Assertions.Expect(page.Locator("#throughput-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#records-by-status")).ToContainTextAsync("FAILED");

        // The 200 KB body: a few lines in a box of its own width, not a column as tall as the body; the whole of it behind a summary.
        var big = letters.Filter(new() { HasText = "0123456789" });
        var row = (await big.BoundingBoxAsync())!;
        var cell = (await big.Locator("td.body").BoundingBoxAsync())!;
        Assert.True(row.Height < 200, $"the dead letter's row is {row.Height} px tall");
        Assert.True(cell.Width >= 300, $"the body column is {cell.Width} px wide");
        await Assertions.Expect(big.Locator("summary")).ToHaveTextAsync("Whole body (195.3 KiB)");
        await Assertions.Expect(big.Locator(".body-whole")).ToBeHiddenAsync();
        await big.Locator("summary").ClickAsync();
        await Assertions.Expect(big.Locator(".body-whole")).ToBeVisibleAsync();
        Assert.Equal(bigBody, await big.Locator(".body-whole").TextContentAsync());
        var opened = (await big.BoundingBoxAsync())!;
        Assert.True(opened.Height < 700, $"the opened body makes the row {opened.Height} px tall (it should scroll)");
        await Assertions.Expect(letters.Filter(new() { HasText = "this is not json" }).Locator("summary")).ToHaveCountAsync(0);
        await BrowserStack.ScreenshotAsync(page, "pipeline");

        // The form posts, the viewer copies the three (one of 200 KB) on moto and redirects: slow on a busy machine.
        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive the dead-letter queue" }).ClickAsync(new() { Timeout = 60_000 });

        await Assertions.Expect(page.Locator("#outcome")).ToHaveTextAsync("Moved 3 messages from the dead-letter queue back to the queue.", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#dlq-depth")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#dlq-empty")).ToBeVisibleAsync();
        Assert.Equal(3, await stack.DepthAsync(stack.QueueUrl, ct));
        await BrowserStack.ScreenshotAsync(page, "redriven");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Record_page_counts_in_words_keeps_timeline_labels_on_one_line_and_renders_cjk_with_a_cjk_font()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = $"polish-{Guid.NewGuid():N}/";
        var now = DateTimeOffset.UtcNow;
        const string Cjk = "日本語のテキスト、中文文本、한국어 텍스트";
        await stack.PutRecordAsync(stack.Record(folder + "one.txt", now) with
        {
            WordCount = 1, LineCount = 1, Preview = "Latin, then " + Cjk, EventName = "ObjectCreated:CompleteMultipartUpload",
        }, ct);
        await stack.PutRecordAsync(stack.Record(folder + "empty.txt", now) with
        {
            Size = 0, WordCount = null, LineCount = null, Preview = null, DetectedType = "application/x-empty",
        }, ct);
        await stack.PutRecordAsync(stack.Record(folder + "photo.png", now, type: "image/png") with { WordCount = null, LineCount = null, Preview = null }, ct);
        var page = await stack.NewPageAsync();

        await page.GotoAsync("/record?key=" + Uri.EscapeDataString(folder + "one.txt"));
        await Assertions.Expect(page.Locator("#text-counts")).ToHaveTextAsync("1 word, 1 line");
        await Assertions.Expect(page.Locator(".timeline .event-name")).ToHaveTextAsync("ObjectCreated:CompleteMultipartUpload");
        foreach (var width in new[] { 1280, 400 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var wrapped = await page.EvaluateAsync<string[]>("""
                () => Array.from(document.querySelectorAll('.timeline .label, .timeline time'))
                  .filter(e => e.getClientRects().length !== 1
                    || e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight))
                  .map(e => e.textContent)
                """);
            Assert.True(wrapped.Length == 0, $"at {width} px these timeline parts wrap: {string.Join(" | ", wrapped)}");
        }

        // What chromium actually drew the preview with: the CJK characters come from a CJK font of the stack, not a box.
        var fonts = await PlatformFontsAsync(page, "#preview");
        var cjkGlyphs = fonts.Where(f => f.Family.Contains("CJK", StringComparison.Ordinal) || f.Family.StartsWith("WenQuanYi", StringComparison.Ordinal)).Sum(f => f.Glyphs);
        Assert.True(cjkGlyphs >= Cjk.Count(c => c > 0x2E80), $"CJK glyphs drawn by a CJK font: {cjkGlyphs}; fonts: {string.Join(", ", fonts)} (no CJK font installed? apt-get install fonts-wqy-microhei)");
        await BrowserStack.ScreenshotAsync(page, "record-cjk");

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/record?key=" + Uri.EscapeDataString(folder + "empty.txt"));
        await Assertions.Expect(page.Locator("#text-counts")).ToHaveTextAsync("0 words, 0 lines");
        await page.GotoAsync("/record?key=" + Uri.EscapeDataString(folder + "photo.png"));
        await Assertions.Expect(page.Locator("#text-counts")).ToHaveCountAsync(0);
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

    /// <summary>The fonts chromium used for the text of <paramref name="selector"/> (DevTools' CSS.getPlatformFontsForNode).</summary>
    private static async Task<List<(string Family, int Glyphs)>> PlatformFontsAsync(IPage page, string selector)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("DOM.enable");
        await session.SendAsync("CSS.enable");
        var document = await session.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = await session.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var fonts = await session.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node!.Value.GetProperty("nodeId").GetInt32() });
        return [.. fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => (f.GetProperty("familyName").GetString()!, f.GetProperty("glyphCount").GetInt32()))];
    }
}
