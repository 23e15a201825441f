using PartnerHub.Api.Tests.Infrastructure;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;

namespace PartnerHub.Api.Tests.Manifest;

/// <summary>Paths, process running and PNG reading shared by the manifest and infra tests.</summary>
internal static class ManifestTestSupport
{
    public static string RepoRoot => RepoPaths.Root;

    public static string ManifestDir => Path.Combine(RepoRoot, "manifest");

    public static string SchemaRoot =>
        Path.Combine(RepoRoot, "tools", "node", "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams");

    /// <summary>The schema folder of the newest released manifest version (v1.N) that the npm package ships.</summary>
    public static string NewestSchemaDir()
    {
        if (!Directory.Exists(SchemaRoot))
        {
            Assert.Fail(
                $"The official Teams manifest schemas are missing ({SchemaRoot}). " +
                "Install the Node referees first: run the test command in README.md (it runs npm ci in tools/node).");
        }

        // vDevPreview is deliberately excluded: only released versions can be published to a tenant.
        return Directory.GetDirectories(SchemaRoot, "v1.*")
            .Select(d => (Dir: d, Minor: int.TryParse(Path.GetFileName(d)["v1.".Length..], out var n) ? n : -1))
            .Where(x => x.Minor >= 0)
            .MaxBy(x => x.Minor)
            .Dir;
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            // null removes a variable inherited from the test runner.
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        // Read both streams concurrently so a full pipe never blocks the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in 2 minutes");
        }

        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs scripts/package-manifest.sh through bash, so a lost execute bit on checkout does not matter here.</summary>
    public static ProcessResult Package(string env, IReadOnlyDictionary<string, string?>? environment = null) =>
        Run("bash", [Path.Combine(RepoRoot, "scripts", "package-manifest.sh"), env], environment);
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}

/// <summary>Just enough PNG decoding (8-bit RGBA, non-interlaced) to check Teams' icon rules.</summary>
internal sealed record Png(int Width, int Height, byte BitDepth, byte ColorType, byte Interlace, byte[] Rgba)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(Signature), $"{path} is not a PNG");

        int width = 0, height = 0;
        byte depth = 0, colorType = 0, interlace = 0;
        using var idat = new MemoryStream();
        for (var pos = 8; pos + 8 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            var data = bytes.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                colorType = data[9];
                interlace = data[12];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            pos += 12 + length; // length + type + data + CRC
        }

        var rgba = depth == 8 && colorType == 6 && interlace == 0 ? Unfilter(idat.ToArray(), width, height) : [];
        return new Png(width, height, depth, colorType, interlace, rgba);
    }

    private static byte[] Unfilter(byte[] compressed, int width, int height)
    {
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        const int bpp = 4;
        var stride = width * bpp;
        var output = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? output[(y * stride) + x - bpp] : 0;
                int b = y > 0 ? output[((y - 1) * stride) + x] : 0;
                int c = x >= bpp && y > 0 ? output[((y - 1) * stride) + x - bpp] : 0;
                int value = raw[(y * (stride + 1)) + 1 + x];
                value += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                };
                output[(y * stride) + x] = (byte)value;
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
