import statistics, sys
for path in sys.argv[1:]:
    rows=[]
    for line in open(path):
        p=line.split("|")
        if len(p)==3 and p[0].strip().isdigit():
            try: rows.append([float(x) for x in p[1].split()])
            except ValueError: pass
    if not rows: continue
    T=32 if len(sys.argv)<2 else None
    claims=sorted(r[0] for r in rows); fin=sorted(r[3] for r in rows)
    n=int(__import__('os').environ.get('THREADS','32'))
    steady=[r for r in rows if r[0]>=fin[min(len(fin)-1,n-1)]]
    gaps=[claims[n+k]-fin[k] for k in range(len(claims)-n)]
    def q(v):
        v=sorted(v); return f"p10 {v[len(v)//10]*1000:5.0f} p50 {statistics.median(v)*1000:5.0f} p90 {v[9*len(v)//10]*1000:5.0f} mean {statistics.mean(v)*1000:5.0f} ms"
    print(f"== {path}: {len(rows)} jobs, steady {len(steady)}")
    print("  finish -> next claim   ", q(gaps))
    print("  claim -> parsed        ", q([r[1]-r[0] for r in steady]))
    print("  parsed -> extracted    ", q([r[2]-r[1] for r in steady]))
    print("  extracted -> finished  ", q([r[3]-r[2] for r in steady]))
    print("  claim -> finished      ", q([r[3]-r[0] for r in steady]))
