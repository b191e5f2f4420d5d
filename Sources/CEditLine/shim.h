// Swift cannot call C variadic functions, and libedit's el_set, el_get and history are variadic.
// These fixed-arity wrappers are the whole bridge; everything else is called from Swift directly.
#include <histedit.h>
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(*kq_prompt_function)(EditLine *);
typedef unsigned char (*kq_editor_function)(EditLine *, int);

// The standard streams are mutable C globals, which Swift 6 will not touch from Swift code.
static inline EditLine *kq_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

static inline void kq_el_set_prompt(EditLine *el, kq_prompt_function f) { el_set(el, EL_PROMPT, f); }
static inline void kq_el_set_editor(EditLine *el, const char *mode) { el_set(el, EL_EDITOR, mode); }
static inline void kq_el_set_signal(EditLine *el, int on) { el_set(el, EL_SIGNAL, on); }
static inline void kq_el_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }
static inline void kq_el_set_getc(EditLine *el, el_rfunc_t f) { el_set(el, EL_GETCFN, f); }
static inline void kq_el_set_clientdata(EditLine *el, void *data) { el_set(el, EL_CLIENTDATA, data); }
static inline void *kq_el_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline void kq_el_add_function(EditLine *el, const char *name, const char *help, kq_editor_function f) {
    el_set(el, EL_ADDFN, name, help, f);
}
static inline void kq_el_bind(EditLine *el, const char *key, const char *command) {
    el_set(el, EL_BIND, key, command, NULL);
}

static inline int kq_history_set_size(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int kq_history_set_unique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int kq_history_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int kq_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int kq_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
