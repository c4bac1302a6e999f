namespace FilePipeline.Cli.Upload;

/// <summary>
/// How far an upload is: bytes sent, as the SDK reports them while it sends (part by part for a multipart file), and
/// files finished. Updated from the uploads' threads through one <see cref="FileProgress"/> per file;
/// <see cref="Changed"/> is raised after every update, on the thread that made it.
/// </summary>
public sealed class UploadProgress(int totalFiles, long totalBytes)
{
    private long _bytesSent;
    private int _filesDone;

    public event Action<UploadProgress>? Changed;

    public int TotalFiles => totalFiles;

    public long TotalBytes => totalBytes;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public int FilesDone => Volatile.Read(ref _filesDone);

    public FileProgress StartFile() => new(this);

    private void Add(long bytes, bool fileDone)
    {
        Interlocked.Add(ref _bytesSent, bytes);
        if (fileDone)
        {
            Interlocked.Increment(ref _filesDone);
        }

        Changed?.Invoke(this);
    }

    /// <summary>One file's share of the upload's progress.</summary>
    public sealed class FileProgress(UploadProgress upload)
    {
        private long _reported;

        /// <summary>
        /// The SDK says <paramref name="transferred"/> bytes of this file are sent. The parts of a multipart file report
        /// from several threads, not always in order: only a value larger than the last one counts.
        /// </summary>
        public void Transferred(long transferred)
        {
            for (var seen = Interlocked.Read(ref _reported); seen < transferred; seen = Interlocked.Read(ref _reported))
            {
                if (Interlocked.CompareExchange(ref _reported, transferred, seen) == seen)
                {
                    upload.Add(transferred - seen, fileDone: false);
                    return;
                }
            }
        }

        /// <summary>The file is done: it counts its size when stored, nothing when it failed, whatever was reported.</summary>
        public void Done(bool stored, long size)
        {
            var counted = stored ? size : 0;
            upload.Add(counted - Interlocked.Exchange(ref _reported, counted), fileDone: true);
        }
    }
}
