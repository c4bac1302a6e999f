using Microsoft.Extensions.Options;

namespace FilePipeline.Processor;

/// <summary>Source-generated validation of <see cref="ProcessorOptions"/>' data annotations (no reflection).</summary>
[OptionsValidator]
public sealed partial class ProcessorOptionsValidator : IValidateOptions<ProcessorOptions>;
