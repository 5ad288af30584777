using System.Buffers.Binary;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ConsensusSim.Model;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Cli;

/// <summary>
/// What makes CSV files parts of one sweep, as the <c>sweep</c> column of every row: the first 16 hex
/// digits of a SHA-256 over the scenario file's bytes, the design's points, --trials and --seed as given,
/// and the version of ConsensusSim. A part (<c>--part I/N</c>) has the identity of the whole sweep, so the
/// merged parts equal the one-machine file. It tells apart parts that were run differently; it is no
/// protection against someone who edits a file on purpose.
/// </summary>
internal sealed class SweepIdentity : ISweepFingerprint, IDisposable
{
    /// <summary>The library's version: random streams, and so the rows, are reproducible within a version.</summary>
    private static readonly string Version =
        typeof(Scenario).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Scenario).Assembly.GetName().Version?.ToString() ?? "unknown";

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    private SweepIdentity()
    {
    }

    /// <summary>The identity of a sweep.</summary>
    /// <param name="plan">The scenario file and the design.</param>
    /// <param name="trials">--trials, if given (the scenario's own count is in its bytes).</param>
    /// <param name="seed">--seed, if given.</param>
    /// <returns>16 lowercase hex digits.</returns>
    public static string Of(SweepPlan plan, long? trials, ulong? seed)
    {
        using var id = new SweepIdentity();
        id.Add("consensussim sweep 1");
        id.Add(Version);
        id.Add(plan.ScenarioBytes);
        id.Add(trials?.ToString(CultureInfo.InvariantCulture) ?? "scenario");
        id.Add(seed?.ToString(CultureInfo.InvariantCulture) ?? "scenario");
        plan.Design.Identify(id);
        return Convert.ToHexStringLower(id._hash.GetHashAndReset())[..16];
    }

    /// <summary>Adds a text, length first, so that no two sequences of texts hash alike by running together.</summary>
    /// <param name="text">The text.</param>
    public void Add(string text) => Add(Encoding.UTF8.GetBytes(text));

    /// <summary>Adds bytes, length first.</summary>
    /// <param name="bytes">The bytes.</param>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
        _hash.AppendData(length);
        _hash.AppendData(bytes);
    }

    /// <summary>Adds a number exactly, by its bits.</summary>
    /// <param name="value">The number.</param>
    public void Add(double value)
    {
        Span<byte> bits = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bits, value);
        _hash.AppendData(bits);
    }

    /// <summary>Adds a count.</summary>
    /// <param name="value">The count.</param>
    public void Add(int value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public void Dispose() => _hash.Dispose();
}
