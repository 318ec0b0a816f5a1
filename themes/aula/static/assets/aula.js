// aula
