using System.Reflection.Metadata;

namespace ConsensusSim.Tests.Architecture;

/// <summary>Resolves metadata handles to the types they name.</summary>
internal sealed partial class AssemblyTypeUses
{
    private void Use(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            case HandleKind.TypeReference:
                Found(handle);
                break;
            case HandleKind.TypeSpecification:
                _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_signatures, null);
                break;
            case HandleKind.MethodDefinition:
                Found(_md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                Found(_md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var reference = _md.GetMemberReference((MemberReferenceHandle)handle);
                Use(reference.Parent);
                if (reference.GetKind() == MemberReferenceKind.Method)
                {
                    reference.DecodeMethodSignature(_signatures, null);
                }
                else
                {
                    reference.DecodeFieldSignature(_signatures, null);
                }

                break;
            case HandleKind.MethodSpecification:
                var specification = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                Use(specification.Method);
                specification.DecodeSignature(_signatures, null);
                break;
            case HandleKind.StandaloneSignature:
                var signature = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    signature.DecodeMethodSignature(_signatures, null);
                }
                else
                {
                    signature.DecodeLocalSignature(_signatures, null);
                }

                break;
            case HandleKind.ModuleReference:
                break;
            default:
                throw new InvalidOperationException($"{_member} holds a {handle.Kind} token ({_how}) the layer test does not resolve.");
        }
    }

    private void Found(EntityHandle handle)
    {
        if (handle.Kind == HandleKind.TypeDefinition)
        {
            var top = TopLevel((TypeDefinitionHandle)handle);
            Add(FullName(top), _md.GetString(_md.GetTypeDefinition(top).Namespace));
        }
        else if (handle.Kind == HandleKind.TypeReference)
        {
            var reference = _md.GetTypeReference((TypeReferenceHandle)handle);
            while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                reference = _md.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
            }

            string ns = _md.GetString(reference.Namespace);
            Add(ns.Length == 0 ? _md.GetString(reference.Name) : ns + "." + _md.GetString(reference.Name), ns);
        }
    }

    private void Found(Type type)
    {
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            Found(argument);
        }

        if (type.HasElementType)
        {
            Found(type.GetElementType()!);
            return;
        }

        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        Add(type.FullName ?? type.Name, type.Namespace ?? "");
    }

    private void Add(string usedType, string usedNamespace) =>
        _uses.Add(new TypeUse(_userType, _member, usedType, _how)
        {
            UserNamespace = _userNamespace,
            UsedNamespace = usedNamespace,
        });
}
