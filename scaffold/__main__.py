from scaffold.quick import main

main()
