using FilePipeline.AppHost;

return await AppHostCli.RunAsync(args);
