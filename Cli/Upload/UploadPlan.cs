using FilePipeline.Cli.Commands;

namespace FilePipeline.Cli.Upload;

/// <summary>
/// Turns the paths given to <c>upload</c> into files and keys: a file becomes <c>prefix + its name</c>; a folder
/// becomes <c>prefix + folder name + / + relative path</c> for every file below it (like <c>cp -r</c>).
/// Every path is checked before anything is uploaded.
/// </summary>
public static class UploadPlan
{
    public static IReadOnlyList<UploadItem> Build(IEnumerable<string> paths, string prefix)
    {
        var items = new List<UploadItem>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                items.Add(new UploadItem(full, prefix + Path.GetFileName(full), new FileInfo(full).Length));
            }
            else if (Directory.Exists(full))
            {
                var root = Path.TrimEndingDirectorySeparator(full);
                var name = Path.GetFileName(root);
                foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
                    items.Add(new UploadItem(file, $"{prefix}{name}/{relative}", new FileInfo(file).Length));
                }
            }
            else
            {
                missing.Add(path);
            }
        }

        if (missing.Count > 0)
        {
            throw new UsageException($"no such file or folder: {string.Join(", ", missing)} (nothing was uploaded)");
        }

        var duplicates = items.GroupBy(item => item.Key).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        return duplicates.Count > 0
            ? throw new UsageException($"several files would become the same key: {string.Join(", ", duplicates)} (nothing was uploaded)")
            : items;
    }
}
