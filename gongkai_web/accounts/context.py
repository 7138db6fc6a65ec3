from .access import is_evaluator, is_staff_member


def roles(request):
    user = getattr(request, "user", None)
    return {
        "is_staff_member": bool(user and is_staff_member(user)),
        "is_evaluator": bool(user and is_evaluator(user)),
    }
