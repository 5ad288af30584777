using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ConsensusSim.Tests.Architecture;

/// <summary>
/// Every use of one type by another in a compiled assembly: base types, interfaces, generic constraints, the
/// signatures of fields, methods, properties and events, custom attributes (their constructors and <c>typeof</c>
/// arguments), explicit interface implementations, and in method bodies the locals, the catch clauses and the
/// operand of every instruction that names a type, method, field or signature (call, newobj, ldfld, ldsfld, box,
/// castclass, isinst, initobj, ldtoken, ldftn, …). Member tokens count as their declaring type; a type
/// specification or generic method instantiation as every type in it.
/// </summary>
internal sealed partial class AssemblyTypeUses
{
    private readonly Assembly _assembly;
    private readonly PEReader _pe;
    private readonly MetadataReader _md;
    private readonly SignatureTypes _signatures;
    private readonly AttributeTypes _attributes;
    private readonly List<TypeUse> _uses = [];
    private string _userType = "";
    private string _userNamespace = "";
    private string _member = "";
    private string _how = "";

    private AssemblyTypeUses(Assembly assembly, PEReader pe)
    {
        _assembly = assembly;
        _pe = pe;
        _md = pe.GetMetadataReader();
        _signatures = new SignatureTypes(Found);
        _attributes = new AttributeTypes(assembly, Found);
    }

    /// <summary>Reads the uses in <paramref name="assembly"/>'s file; types outside namespaces are named in <paramref name="unplaced"/>.</summary>
    public static IReadOnlyList<TypeUse> Read(Assembly assembly, out IReadOnlyList<string> unplaced)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var walker = new AssemblyTypeUses(assembly, pe);
        unplaced = walker.UnplacedTypes();
        walker.Walk();
        return walker._uses;
    }

    private void Walk()
    {
        foreach (var handle in _md.TypeDefinitions)
        {
            var type = _md.GetTypeDefinition(handle);
            var top = TopLevel(handle);
            (_userType, _userNamespace) = (FullName(top), _md.GetString(_md.GetTypeDefinition(top).Namespace));
            string name = FullName(handle);
            At(name, "base type", () => Use(type.BaseType));
            foreach (var i in type.GetInterfaceImplementations())
            {
                var implementation = _md.GetInterfaceImplementation(i);
                At(name, "interface", () => Use(implementation.Interface));
                Attributes(name, implementation.GetCustomAttributes());
            }

            GenericParameters(name, type.GetGenericParameters());
            Attributes(name, type.GetCustomAttributes());
            foreach (var m in type.GetMethodImplementations())
            {
                var implementation = _md.GetMethodImplementation(m);
                At(name, "explicit implementation", () => Use(implementation.MethodDeclaration));
            }

            Members(name, type);
        }
    }

    private void Members(string typeName, TypeDefinition type)
    {
        foreach (var f in type.GetFields())
        {
            var field = _md.GetFieldDefinition(f);
            string name = typeName + "." + _md.GetString(field.Name);
            At(name, "field type", () => field.DecodeSignature(_signatures, null));
            Attributes(name, field.GetCustomAttributes());
        }

        foreach (var m in type.GetMethods())
        {
            Method(typeName, m);
        }

        foreach (var p in type.GetProperties())
        {
            var property = _md.GetPropertyDefinition(p);
            string name = typeName + "." + _md.GetString(property.Name);
            At(name, "property type", () => property.DecodeSignature(_signatures, null));
            Attributes(name, property.GetCustomAttributes());
        }

        foreach (var e in type.GetEvents())
        {
            var @event = _md.GetEventDefinition(e);
            string name = typeName + "." + _md.GetString(@event.Name);
            At(name, "event type", () => Use(@event.Type));
            Attributes(name, @event.GetCustomAttributes());
        }
    }

    private void Method(string typeName, MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        string name = typeName + "." + _md.GetString(method.Name);
        At(name, "signature", () => method.DecodeSignature(_signatures, null));
        GenericParameters(name, method.GetGenericParameters());
        Attributes(name, method.GetCustomAttributes());
        foreach (var p in method.GetParameters())
        {
            Attributes(name, _md.GetParameter(p).GetCustomAttributes());
        }

        if (method.RelativeVirtualAddress != 0)
        {
            Body(name, _pe.GetMethodBody(method.RelativeVirtualAddress));
        }
    }

    private void GenericParameters(string name, GenericParameterHandleCollection parameters)
    {
        foreach (var g in parameters)
        {
            var parameter = _md.GetGenericParameter(g);
            Attributes(name, parameter.GetCustomAttributes());
            foreach (var c in parameter.GetConstraints())
            {
                var constraint = _md.GetGenericParameterConstraint(c);
                At(name, "generic constraint", () => Use(constraint.Type));
                Attributes(name, constraint.GetCustomAttributes());
            }
        }
    }

    private void Attributes(string name, CustomAttributeHandleCollection attributes)
    {
        foreach (var a in attributes)
        {
            var attribute = _md.GetCustomAttribute(a);
            At(name, "attribute", () =>
            {
                Use(attribute.Constructor);
                attribute.DecodeValue(_attributes);
            });
        }
    }

    private void At(string member, string how, Action collect)
    {
        (_member, _how) = (member, how);
        collect();
    }
}
