namespace FilePipeline.Operations;

/// <summary>Which way a redrive moved the messages.</summary>
public enum RedriveMode
{
    /// <summary>SQS's own message move task (StartMessageMoveTask).</summary>
    MoveTask,

    /// <summary>Receive from the dead-letter queue, send to the destination, delete what was sent.</summary>
    ClientMove,
}
