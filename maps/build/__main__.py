import sys

from maps.build import main

main(sys.argv[1:])
