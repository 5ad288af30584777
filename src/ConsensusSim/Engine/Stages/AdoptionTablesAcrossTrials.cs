using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The blocs' <see cref="BlocAdoptionTable"/>s looked up for <see cref="Lanes"/> conditional-only trials at once, one
/// trial per lane: the product of the constant and every bloc's f(η), and the same at −η. A trial's lookups are
/// independent of the other trials', so a lane runs exactly the scalar lookup's operations in its order — the place, its
/// integer part by truncation, the coefficients loaded by address, the fused multiply-adds of the cubic, the clamp as
/// compare and select, the products in the order of the blocs — and gives the bits of
/// <see cref="BlocAdoptionTable.At"/> one trial at a time. The scalar lookups cost a trial about 24 dependent chains of a
/// dozen instructions each; across lanes they cost a quarter of the instructions.
/// </summary>
internal sealed unsafe class AdoptionTablesAcrossTrials
{
    /// <summary>Trials per batch.</summary>
    public const int Lanes = 4;

    private readonly BlocAdoptionTable[] _tables;
    private readonly int[] _blocs;
    private readonly int _blocCount;
    private readonly double _constant;

    private AdoptionTablesAcrossTrials(BlocAdoptionTable[] tables, double constant)
    {
        // A bloc without States in its product multiplies by 1 exactly, so leaving it out changes no bit.
        int[] blocs = [.. Enumerable.Range(0, tables.Length).Where(b => !tables[b].IsOne)];
        _blocs = blocs;
        _tables = [.. blocs.Select(b => tables[b])];
        _constant = constant;
        _blocCount = tables.Length;
    }

    /// <summary>Whether the processor has the 256-bit vectors and fused multiply-adds the lanes need.</summary>
    public static bool IsSupported => Avx.IsSupported && Fma.IsSupported;

    /// <summary>
    /// The lookups of <paramref name="tables"/> across trials, with their product starting from <paramref name="constant"/>;
    /// null when the processor lacks the instructions or a table with States in it is not tabulated (those are multiplied
    /// out one trial at a time).
    /// </summary>
    /// <param name="tables">One table per bloc with shared noise, in the order of the blocs.</param>
    /// <param name="constant">The factor of the States whose product is the same in every trial.</param>
    /// <returns>The batched lookups, or null.</returns>
    public static AdoptionTablesAcrossTrials? For(BlocAdoptionTable[] tables, double constant) =>
        IsSupported && tables.All(t => t.Tabulated || t.IsOne) ? new AdoptionTablesAcrossTrials(tables, constant) : null;

    /// <summary>
    /// The products Π f_b(η) (<paramref name="up"/>) and Π f_b(−η) (<paramref name="down"/>) of the trials in the lanes, each
    /// starting from the constant and taken in the order of the blocs.
    /// </summary>
    /// <param name="eta">Bloc b's shock of the trial in lane l at [b·<see cref="Lanes"/> + l]; every entry finite.</param>
    /// <param name="up">Each lane's product at η.</param>
    /// <param name="down">Each lane's product at −η.</param>
    public void Products(ReadOnlySpan<double> eta, out Vector256<double> up, out Vector256<double> down)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eta.Length, _blocCount * Lanes, nameof(eta));
        ref double first = ref MemoryMarshal.GetReference(eta);
        var tables = _tables;
        var blocs = _blocs;
        up = Vector256.Create(_constant);
        down = up;
        for (int i = 0; i < tables.Length; i++)
        {
            var shock = Vector256.LoadUnsafe(ref first, (nuint)(blocs[i] * Lanes));
            var table = tables[i];
            var address = table.Coefficients;
            up *= At(table, address, shock);
            down *= At(table, address, -shock);
        }
    }

    /// <summary>f(η) in every lane, as <see cref="BlocAdoptionTable.At"/> gives it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> At(BlocAdoptionTable table, double* coefficients, Vector256<double> eta)
    {
        var place = (eta + Vector256.Create(BlocAdoptionTable.Reach)) * Vector256.Create(table.InverseStep);
        var inside = Vector256.GreaterThanOrEqual(place, Vector256<double>.Zero) & Vector256.LessThan(place, Vector256.Create(table.Intervals));
        if (!Vector256.EqualsAll(inside.AsUInt64(), Vector256<ulong>.AllBitsSet))
        {
            return Outside(table, eta);
        }

        var k = Avx.ConvertToVector128Int32WithTruncation(place);
        var t = place - Avx.ConvertToVector256Double(k);
        // Each lane's four coefficients are adjacent: four loads and a 4 × 4 transpose cost less than four gathers.
        var r0 = Avx.LoadVector256(coefficients + (4 * k.GetElement(0)));
        var r1 = Avx.LoadVector256(coefficients + (4 * k.GetElement(1)));
        var r2 = Avx.LoadVector256(coefficients + (4 * k.GetElement(2)));
        var r3 = Avx.LoadVector256(coefficients + (4 * k.GetElement(3)));
        var low01 = Avx.UnpackLow(r0, r1);
        var high01 = Avx.UnpackHigh(r0, r1);
        var low23 = Avx.UnpackLow(r2, r3);
        var high23 = Avx.UnpackHigh(r2, r3);
        var c0 = Avx.Permute2x128(low01, low23, 0x20);
        var c1 = Avx.Permute2x128(high01, high23, 0x20);
        var c2 = Avx.Permute2x128(low01, low23, 0x31);
        var c3 = Avx.Permute2x128(high01, high23, 0x31);
        var f = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(c3, t, c2), t, c1), t, c0);

        // Math.Clamp(f, 0, 1) lane by lane: below 0 gives 0, above 1 gives 1, anything else itself (−0 included).
        f = Vector256.ConditionalSelect(Vector256.LessThan(f, Vector256<double>.Zero), Vector256<double>.Zero, f);
        return Vector256.ConditionalSelect(Vector256.GreaterThan(f, Vector256<double>.One), Vector256<double>.One, f);
    }

    /// <summary>Every lane by the scalar lookup, when a shock lies past the table (a chance below 10⁻¹⁶ per draw).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> Outside(BlocAdoptionTable table, Vector256<double> eta) =>
        Vector256.Create(table.At(eta[0]), table.At(eta[1]), table.At(eta[2]), table.At(eta[3]));
}
