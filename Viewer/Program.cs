using FilePipeline.Viewer;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Pages, assets and settings come from beside the dll, whatever the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddServiceDefaults();
builder.AddViewer();

var app = builder.Build();
app.UseViewer();
app.MapDefaultEndpoints();
app.MapViewer();
app.Run();

/// <summary>Entry point type, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
