using FilePipeline.Cli;

return await OperatorCli.RunAsync(args);
