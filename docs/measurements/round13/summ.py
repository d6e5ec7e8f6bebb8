import json, sys, glob, statistics
jobs=[]
for f in glob.glob(sys.argv[1]+".*"):
    jobs+=json.load(open(f))
jobs.sort(key=lambda j:j["_start"])
n=int(sys.argv[2]) if len(sys.argv)>2 else 32
steady=jobs[n:]
print(f"{len(jobs)} jobs, steady {len(steady)}")
def mean(v): return statistics.mean(v)*1000 if v else 0
keys=sorted({k for j in steady for k in j if not k.startswith("_")})
print(f"{'stage':40s} wall mean  p50   cpu mean  calls/job")
for k in ["_gap","_wall","_cpu"]:
    v=[j[k] for j in steady if j.get(k) is not None]
    print(f"{k:40s} {mean(v):7.1f} {statistics.median(v)*1000:6.1f}")
for k in keys:
    w=[j[k][0] if k in j else 0 for j in steady]; c=[j[k][1] if k in j else 0 for j in steady]; cl=[j[k][2] if k in j else 0 for j in steady]
    print(f"{k:40s} {mean(w):7.1f} {statistics.median(w)*1000:6.1f} {mean(c):7.2f} {statistics.mean(cl):6.2f}")
sql={}
for j in steady:
    for k,v in j["_sql"].items(): sql[k]=sql.get(k,0)+v
tot=sum(sql.values())/len(steady)
print(f"SQL statements per job: {tot:.2f}")
for k,v in sorted(sql.items(), key=lambda x:-x[1]):
    print(f"  {v/len(steady):5.2f}  {k}")
