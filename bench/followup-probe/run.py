import sys,subprocess,json,re
herald=sys.argv[1]; half=sys.argv[2]  # fix|held|all
verbose='-v' in sys.argv
rows=[l.rstrip('\n').split('\t') for l in open('bench/followup-probe/probe.tsv') if l.strip() and not l.startswith('#')]
tally={}
for r in rows:
    cid,exp,cont,turns=r[0],r[1],r[2].strip(),r[3:]
    n=int(cid[1:]); h='fix' if n%2 else 'held'
    if half!='all' and h!=half: continue
    p=subprocess.run([herald,'ask','--json']+turns,capture_output=True,text=True)
    outs=[json.loads(x) for x in p.stdout.strip().split('\n') if x.startswith('{')]
    last=outs[-1]; prev=outs[-2] if len(outs)>1 else None
    intent=last.get('intent') or last.get('type'); text=last.get('text','')
    exps=[e for e in exp.split(',') if e and e!='!']
    repeat= prev is not None and prev.get('text')==text
    notice= text.startswith('My last answer is what I know')
    if notice and exp.strip('!,')!='': repeat=True
    if last.get('safety') : intent='safety:'+str(last.get('tier'))
    ok_int = (not exps) or intent in exps
    ok_c = (not cont) or re.search(cont,text,re.I) is not None
    if intent in ('fallback','clarify') or last.get('type') in ('fallback','clarify'):
        g='fallback'
    elif ok_int and ok_c and not repeat: g='good'
    elif ok_int: g='partial'
    else: g='wrong'
    tally[g]=tally.get(g,0)+1
    if verbose or g!='good':
        print(f"{cid} {g:8} {intent:28} {'REPEAT ' if repeat else ''}| {turns[-1]} || {text[:150]}")
print(half, tally)
