def index(request):
    pass
