var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => "FilePipeline viewer");
app.Run();

/// <summary>Entry point type, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
